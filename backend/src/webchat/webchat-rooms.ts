export const WEBCHAT_NAMESPACE = '/webchat';

/** One room per visitor of one web-chat account (a visitor may have several tabs open). */
export const webchatVisitorRoom = (channelAccountId: string, visitorId: string) =>
  `visitor:${channelAccountId}:${visitorId}`;

/** Socket.IO events between the widget and the backend. */
export const WEBCHAT_EVENTS = {
  ready: 'webchat:ready',
  message: 'webchat:message',
  typing: 'webchat:typing',
  send: 'webchat:send',
} as const;
