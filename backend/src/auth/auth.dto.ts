import { z } from 'zod';

export const loginDto = z.object({
  email: z.email('Enter the e-mail address you sign in with.').max(200),
  password: z.string().min(1, 'Enter your password.').max(200),
});
export type LoginDto = z.infer<typeof loginDto>;
