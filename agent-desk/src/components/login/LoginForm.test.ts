import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/api-error';
import { flush, mountDesk } from '@/test-support/mount-desk';
import LoginForm from './LoginForm.vue';

async function fillAndSubmit(wrapper: ReturnType<typeof mountDesk>['wrapper'], email: string, password: string) {
  await wrapper.find('#login-email').setValue(email);
  await wrapper.find('#login-password').setValue(password);
  await wrapper.find('form').trigger('submit');
  await flush();
  await flush();
}

describe('LoginForm', () => {
  it('asks for the missing fields before calling the server', async () => {
    const submit = vi.fn();
    const { wrapper } = mountDesk(LoginForm, { props: { submit } });
    await wrapper.find('form').trigger('submit');
    await flush();
    expect(submit).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain('Introduceți adresa de e-mail.');
    expect(wrapper.text()).toContain('Introduceți parola.');
  });

  it('shows the server field errors inline next to their fields', async () => {
    const submit = vi
      .fn()
      .mockRejectedValue(
        new ApiError(400, 'validation_failed', 'Please correct these fields: email.', {
          email: 'Enter a valid e-mail address.',
        }),
      );
    const { wrapper } = mountDesk(LoginForm, { props: { submit } });
    await fillAndSubmit(wrapper, 'ana@', 'whatever-123');
    expect(submit).toHaveBeenCalledWith('ana@', 'whatever-123');
    const emailItem = wrapper.find('#login-email').element.closest('.n-form-item')!;
    expect(emailItem.textContent).toContain('Enter a valid e-mail address.');
    expect(wrapper.find('#login-email').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(false);
  });

  it('shows the 401 message as an alert', async () => {
    const submit = vi
      .fn()
      .mockRejectedValue(new ApiError(401, 'invalid_credentials', 'The e-mail or password is wrong.'));
    const { wrapper } = mountDesk(LoginForm, { props: { submit } });
    await fillAndSubmit(wrapper, 'ana.popescu@consult.local', 'wrong-password');
    const alert = wrapper.find('[data-testid="login-error"]');
    expect(alert.exists()).toBe(true);
    expect(alert.text()).toContain('The e-mail or password is wrong.');
  });

  it('emits success after a good sign-in', async () => {
    const submit = vi.fn().mockResolvedValue(undefined);
    const { wrapper } = mountDesk(LoginForm, { props: { submit } });
    await fillAndSubmit(wrapper, 'ana.popescu@consult.local', 'demo-password-2026');
    const form = wrapper.findComponent(LoginForm);
    expect(form.emitted('success')).toHaveLength(1);
  });
});
