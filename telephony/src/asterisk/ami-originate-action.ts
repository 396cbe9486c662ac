import type { OriginateRequest } from '../telephony-adapter.js';

export type OriginateDialplan = {
  /** Dialplan context the agent's leg continues in after answering, e.g. 'from-internal'. */
  context: string;
  /** Channel technology of agent phones; default 'PJSIP'. */
  technology: string;
  /** How long the agent's phone rings, in ms. */
  ringTimeoutMs: number;
};

/**
 * AMI Originate: ring the agent's phone first, then dial `to` from `context`. `ChannelId` fixes
 * the first channel's Uniqueid, which is the Linkedid and so the callId of the tracked call.
 */
export function buildOriginateAction(request: OriginateRequest, dialplan: OriginateDialplan, callId: string) {
  return {
    action: 'Originate',
    channel: `${dialplan.technology}/${request.fromExtension}`,
    context: dialplan.context,
    exten: request.to,
    priority: 1,
    timeout: dialplan.ringTimeoutMs,
    callerid: request.callerId,
    async: 'true',
    channelid: callId,
  };
}
