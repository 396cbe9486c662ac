import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** One event of the generic cloud PBX (default field mapping, docs/telephony.md), signed like the provider signs it. */
export type PbxEvent = {
  event: 'ringing' | 'answered' | 'ended' | 'missed' | 'recording-ready';
  call_id: string;
  timestamp?: string;
  caller?: string;
  called?: string;
  direction?: 'inbound' | 'outbound';
  extension?: string;
  extensions?: string[];
  queue?: string;
  wait_seconds?: number;
  talk_seconds?: number;
  outcome?: string;
  recording_url?: string;
  recording_duration?: number;
};

export async function sendPbxEvent(baseUrl: string, secret: string, event: PbxEvent): Promise<void> {
  const body = JSON.stringify({ timestamp: new Date().toISOString(), ...event });
  const response = await fetch(`${baseUrl}/api/telephony/cloud-pbx/events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Signature': createHmac('sha256', secret).update(body).digest('hex'),
    },
    body,
  });
  if (!response.ok) throw new Error(`The PBX webhook answered ${response.status}: ${await response.text()}`);
}

/** A mono 16-bit PCM WAV of `seconds` of a 440 Hz tone (what a PBX recording server would hand out). */
export function toneWav(seconds: number, rate = 8000): Buffer {
  const samples = seconds * rate;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), 44 + i * 2);
  return wav;
}

/** The PBX's recording server: serves one WAV at /recordings/<name>.wav. */
export async function serveRecordings(
  wav: Buffer,
): Promise<{ url: (name: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/recordings/')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(wav.length) }).end(wav);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (name) => `http://127.0.0.1:${port}/recordings/${name}.wav`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
