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
