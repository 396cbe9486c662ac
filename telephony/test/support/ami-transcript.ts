import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AmiEvent } from '../../src/asterisk/ami-event.js';

export const amiFixtureDirectory = fileURLToPath(new URL('../../../../shared/fixtures/ami/', import.meta.url));

export function readAmiFixture(name: string): Buffer {
  return readFileSync(`${amiFixtureDirectory}${name}.raw`);
}

/**
 * Splits an AMI byte stream into key/value maps with the wire spelling of keys; a repeated key
 * becomes an array, as asterisk-manager does. The greeting line and responses are kept as-is.
 */
export function parseAmiTranscript(bytes: Buffer | string): AmiEvent[] {
  return String(bytes)
    .split('\r\n\r\n')
    .map((block) => block.split('\r\n').filter((line) => line.includes(': ')))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const event: AmiEvent = {};
      for (const line of lines) {
        const separator = line.indexOf(': ');
        const key = line.slice(0, separator);
        const value = line.slice(separator + 2);
        const existing = event[key];
        if (existing === undefined) event[key] = value;
        else event[key] = Array.isArray(existing) ? [...existing, value] : [String(existing), value];
      }
      return event;
    });
}
