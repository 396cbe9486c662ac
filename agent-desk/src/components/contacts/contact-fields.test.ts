import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { Contact } from '@/api/types';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import { contactForm, contactPatch } from './contact-form';
import ContactFieldGroups from './ContactFieldGroups.vue';

const settle = async () => {
  for (let i = 0; i < 6; i++) await flush();
};
const contact = (over: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  displayName: 'Ion Rotaru',
  firstName: 'Ion',
  lastName: 'Rotaru',
  email: null,
  locality: 'Cahul',
  activityType: 'Agricultură',
  language: 'ro',
  tags: ['vip'],
  phones: [{ e164: '+37369123456', label: null, isPrimary: true }],
  consent: { sms: true, source: 'call' },
  customFields: { idno: '1002600012345' },
  ...over,
});

describe('contact form', { timeout: 20_000 }, () => {
  it('patches only what changed, keeping the consent source and the phones in order', () => {
    const before = contactForm(contact());
    const after = {
      ...before,
      email: 'ion@example.md',
      consent: { ...before.consent, marketing: true },
      phones: [...before.phones, { number: '079 000 111', label: '', isPrimary: false }],
    };
    expect(contactPatch(before, after, contact())).toEqual({
      email: 'ion@example.md',
      consent: { sms: true, email: false, messengers: false, marketing: true, source: 'call' },
      phones: [
        { number: '+37369123456', isPrimary: true },
        { number: '079 000 111', isPrimary: false },
      ],
    });
    expect(contactPatch(before, contactForm(contact()), contact())).toEqual({});
  });

  it('edits the contact in groups and shows the server’s 400 errors at the email and the phone', async () => {
    const { fetch, calls } = fakeFetch({
      'PATCH /api/contacts/c1': {
        status: 400,
        body: {
          error: 'validation_failed',
          message: 'Check the fields.',
          fields: {
            email: 'Enter a valid e-mail address.',
            'phones.1': '"12" is not a valid phone number; write it like 069123456 or +373 69 123 456.',
          },
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(ContactFieldGroups, { props: { contact: contact() } });
    await flush();
    expect(wrapper.findAll('.n-collapse-item__header-main').map((h) => h.text())).toEqual([
      'Date personale',
      'Localitate și activitate',
      'Consimțământ',
      'Câmpuri suplimentare',
      'Note',
    ]);
    await wrapper.find('#contact-email').setValue('ion@');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Adaugă telefon')!
      .trigger('click');
    await wrapper.find('#contact-phone-1').setValue('12');
    await wrapper.find('[data-consent="marketing"]').trigger('click');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(calls[0].body).toMatchObject({
      email: 'ion@',
      phones: [
        { number: '+37369123456', isPrimary: true },
        { number: '12', isPrimary: false },
      ],
      consent: { marketing: true, sms: true, source: 'call' },
    });
    expect(wrapper.find('[data-field="email"] [data-testid="field-error"]').text()).toBe(
      'Enter a valid e-mail address.',
    );
    expect(wrapper.find('#contact-phone-1-error').text()).toContain('"12" is not a valid phone number');
    expect(wrapper.find('#contact-phone-1').attributes('aria-invalid')).toBe('true');
  });

  it('emits the saved contact', async () => {
    const { fetch } = fakeFetch({ 'PATCH /api/contacts/c1': { body: contact({ locality: 'Comrat' }) } });
    api.configure({ fetch });
    const { wrapper } = mountDesk(ContactFieldGroups, { props: { contact: contact() } });
    await flush();
    await wrapper.find('#contact-locality').setValue('Comrat');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.findComponent(ContactFieldGroups).emitted('saved')?.[0]).toEqual([contact({ locality: 'Comrat' })]);
  });
});
