/** The channels the inbox knows by name (the filter offers these; an unknown channel shows its code). */
export const INBOX_CHANNELS = [
  'telegram',
  'whatsapp',
  'viber',
  'messenger',
  'instagram',
  'sms',
  'webchat',
  'email',
] as const;

export function channelLabelKey(channel: string): string | null {
  return (INBOX_CHANNELS as readonly string[]).includes(channel) ? `inbox.channels.${channel}` : null;
}

/** The template channel that fits a conversation's channel: e-mail and SMS have their own, every messenger shares one. */
export function templateChannelOf(channel: string): 'email' | 'sms' | 'messenger' {
  if (channel === 'email') return 'email';
  if (channel === 'sms') return 'sms';
  return 'messenger';
}
