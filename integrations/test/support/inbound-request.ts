import { readFileSync } from 'node:fs';
import type { InboundRequest } from '../../src/channel-adapter.js';

const fixturesRoot = new URL('../fixtures/', import.meta.url);

export function fixtureText(relativePath: string): string {
  return readFileSync(new URL(relativePath, fixturesRoot), 'utf8');
}

/** A JSON webhook built from a fixture file, with the raw bytes exactly as stored. */
export function jsonInboundRequest(
  rawBody: string,
  headers: Record<string, string> = {},
  url = 'https://crm.example.com/webhooks',
): InboundRequest {
  return {
    headers: { 'content-type': 'application/json', ...headers },
    rawBody: Buffer.from(rawBody, 'utf8'),
    body: JSON.parse(rawBody),
    query: Object.fromEntries(new URL(url).searchParams),
    url,
    method: 'POST',
  };
}
