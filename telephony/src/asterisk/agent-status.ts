import type { AgentStatusEvent } from '../telephony-adapter.js';
import { amiEventTime, amiText, type AmiEvent } from './ami-event.js';
import { channelEndpoint } from './channel-name.js';

const onlinePeerStatuses = new Set(['registered', 'reachable', 'lagged']);

/** PeerStatus (`Peer: PJSIP/101`, `PeerStatus: Reachable`) as an agent-status event. */
export function agentStatusFromPeerStatus(event: AmiEvent, pbx: string, now: () => Date): AgentStatusEvent | undefined {
  const peer = amiText(event, 'Peer');
  const detail = amiText(event, 'PeerStatus');
  if (!peer || !detail) return undefined;
  return {
    kind: 'agent-status',
    pbx,
    at: amiEventTime(event, now),
    agentExtension: channelEndpoint(peer),
    status: onlinePeerStatuses.has(detail.toLowerCase()) ? 'online' : 'offline',
    detail,
  };
}
