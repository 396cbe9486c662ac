import { stripTrailingSlash } from '../shared/request-helpers.js';
import { parseViberJson } from './viber-json.js';

export const VIBER_AUTH_TOKEN_HEADER = 'X-Viber-Auth-Token';

type ViberApiAnswer = { status: number; status_message?: string; message_token?: string | number };

/**
 * POSTs to the Viber REST bot API with the X-Viber-Auth-Token header, reading answers with
 * big-integer-safe JSON (viber-bot's client parses message_token as a lossy double).
 */
export class ViberRestClient {
  private readonly apiBaseUrl: string;

  constructor(
    apiBaseUrl: string,
    private readonly authToken: string,
  ) {
    this.apiBaseUrl = stripTrailingSlash(apiBaseUrl);
  }

  async sendMessage(payload: Record<string, unknown>): Promise<string> {
    const answer = await this.post('send_message', payload);
    if (answer.message_token === undefined) throw new Error('Viber send_message answered without a message_token');
    return String(answer.message_token);
  }

  private async post(endpoint: string, payload: Record<string, unknown>): Promise<ViberApiAnswer> {
    const response = await fetch(`${this.apiBaseUrl}/${endpoint}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [VIBER_AUTH_TOKEN_HEADER]: this.authToken },
      body: JSON.stringify(payload),
    });
    if (!response.ok) throw new Error(`Viber ${endpoint} failed with HTTP ${response.status}`);
    const answer = parseViberJson(await response.text()) as ViberApiAnswer;
    if (answer.status !== 0) {
      throw new Error(`Viber ${endpoint} refused: ${answer.status_message ?? 'unknown'} (status ${answer.status})`);
    }
    return answer;
  }
}
