/**
 * Asterisk channel names: `PJSIP/101-00000001`, `PJSIP/anonymous-0000000c`, `SIP/trunk-0000a1`,
 * `Local/101@from-queue-00000003;1`. The endpoint is the part between the technology and the
 * per-channel suffix.
 */
export function channelEndpoint(channel: string): string {
  const afterTech = channel.includes('/') ? channel.slice(channel.indexOf('/') + 1) : channel;
  const withoutLocalHalf = afterTech.replace(/;\d+$/, '');
  const withoutSuffix = withoutLocalHalf.replace(/-[0-9a-f]{6,}$/i, '');
  return withoutSuffix.split('@')[0];
}

export const defaultAgentExtensionPattern = /^\d{2,6}$/;
