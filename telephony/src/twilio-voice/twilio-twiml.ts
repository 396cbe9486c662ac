import twilio from 'twilio';

const { VoiceResponse } = twilio.twiml;

/** Who an inbound call rings: a SIP URI (PBX extension), a Twilio Client identity or a phone number. */
export type TwilioDialTarget =
  { kind: 'sip'; uri: string } | { kind: 'client'; identity: string } | { kind: 'number'; phoneNumber: string };

/** What happens when nobody answers the Dial. */
export type TwilioDialFallback =
  | { kind: 'queue'; queueName: string; waitUrl?: string }
  | { kind: 'voicemail'; prompt: string; recordingStatusCallbackUrl: string; maxLengthSeconds?: number };

export type InboundCallTwimlOptions = {
  target: TwilioDialTarget;
  /** Twilio requests this with DialCallStatus when the Dial ends; answer with buildDialFallbackTwiml. */
  dialActionUrl: string;
  recordingStatusCallbackUrl: string;
  ringTimeoutSeconds?: number;
  callerId?: string;
};

/** Inbound call: ring the target, record both legs from answer, report the recording. */
export function buildInboundCallTwiml(options: InboundCallTwimlOptions): string {
  const response = new VoiceResponse();
  const dial = response.dial({
    action: options.dialActionUrl,
    method: 'POST',
    timeout: options.ringTimeoutSeconds ?? 20,
    callerId: options.callerId,
    record: 'record-from-answer-dual',
    recordingStatusCallback: options.recordingStatusCallbackUrl,
    recordingStatusCallbackEvent: ['completed'],
  });
  addDialTarget(dial, options.target);
  return response.toString();
}

function addDialTarget(dial: ReturnType<InstanceType<typeof VoiceResponse>['dial']>, target: TwilioDialTarget): void {
  if (target.kind === 'sip') dial.sip(target.uri);
  else if (target.kind === 'client') dial.client(target.identity);
  else dial.number(target.phoneNumber);
}

const answeredDialStatuses = new Set(['completed', 'answered']);

/** Dial `action` handler: hang up after an answered call, otherwise go to the queue or voicemail. */
export function buildDialFallbackTwiml(dialCallStatus: string | undefined, fallback: TwilioDialFallback): string {
  const response = new VoiceResponse();
  if (dialCallStatus && answeredDialStatuses.has(dialCallStatus)) {
    response.hangup();
  } else if (fallback.kind === 'queue') {
    response.enqueue({ waitUrl: fallback.waitUrl }, fallback.queueName);
  } else {
    addVoicemail(response, fallback.prompt, fallback.recordingStatusCallbackUrl, fallback.maxLengthSeconds);
  }
  return response.toString();
}

export type AfterHoursTwimlOptions = {
  message: string;
  recordingStatusCallbackUrl: string;
  maxLengthSeconds?: number;
  language?: string;
};

/** Out of hours: say the closed-hours message, then take a voicemail. */
export function buildAfterHoursTwiml(options: AfterHoursTwimlOptions): string {
  const response = new VoiceResponse();
  addVoicemail(
    response,
    options.message,
    options.recordingStatusCallbackUrl,
    options.maxLengthSeconds,
    options.language,
  );
  return response.toString();
}

/** Click-to-call second half: the agent answered, now dial the customer (recorded). */
export function buildOutboundBridgeTwiml(options: {
  to: string;
  callerId: string;
  recordingStatusCallbackUrl: string;
}): string {
  const response = new VoiceResponse();
  const dial = response.dial({
    callerId: options.callerId,
    record: 'record-from-answer-dual',
    recordingStatusCallback: options.recordingStatusCallbackUrl,
    recordingStatusCallbackEvent: ['completed'],
  });
  dial.number(options.to);
  return response.toString();
}

function addVoicemail(
  response: InstanceType<typeof VoiceResponse>,
  prompt: string,
  recordingStatusCallbackUrl: string,
  maxLengthSeconds = 120,
  language?: string,
): void {
  if (language) response.say({ language: language as never }, prompt);
  else response.say(prompt);
  response.record({
    maxLength: maxLengthSeconds,
    playBeep: true,
    recordingStatusCallback: recordingStatusCallbackUrl,
    recordingStatusCallbackEvent: ['completed'],
  });
  response.hangup();
}
