import twilio from 'twilio';

/**
 * Checks `X-Twilio-Signature` for a webhook: `url` is the full public URL Twilio called and
 * `params` the POSTed form fields (empty for GET/JSON webhooks).
 */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, unknown>,
  signatureHeader: string | undefined,
): boolean {
  if (!signatureHeader) return false;
  return twilio.validateRequest(authToken, signatureHeader, url, params);
}
