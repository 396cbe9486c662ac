import JSONbig from 'json-bigint';

/**
 * Viber's message_token is a 64-bit integer in JSON; plain JSON.parse (and therefore the viber-bot
 * SDK's own HTTP client) silently rounds it. Big integers are kept as strings here.
 */
const bigIntSafeJson = JSONbig({ storeAsString: true });

export function parseViberJson(text: string): unknown {
  return bigIntSafeJson.parse(text);
}
