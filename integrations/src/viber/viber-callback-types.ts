/** Viber REST API callback payloads (https://developers.viber.com/docs/api/rest-bot-api/#callbacks). */
export type ViberUser = {
  id: string;
  name?: string;
  avatar?: string;
  country?: string;
  language?: string;
  api_version?: number;
};

export type ViberInboundMessageBody = {
  type: 'text' | 'picture' | 'video' | 'file' | 'sticker' | 'contact' | 'url' | 'location' | string;
  text?: string;
  media?: string;
  thumbnail?: string;
  file_name?: string;
  size?: number;
  duration?: number;
  sticker_id?: number;
  contact?: { name?: string; phone_number?: string; avatar?: string };
  location?: { lat: number; lon: number };
  tracking_data?: string;
};

export type ViberCallback = {
  event:
    | 'message'
    | 'subscribed'
    | 'unsubscribed'
    | 'conversation_started'
    | 'delivered'
    | 'seen'
    | 'failed'
    | 'webhook'
    | string;
  timestamp: number;
  /** Kept as a string: it is a 64-bit integer. */
  message_token?: string | number;
  sender?: ViberUser;
  user?: ViberUser;
  user_id?: string;
  message?: ViberInboundMessageBody;
  desc?: string;
};
