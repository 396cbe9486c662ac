import { AsteriskAmiAdapter } from './asterisk/asterisk-ami-adapter.js';
import type { AsteriskAmiConfig } from './asterisk/asterisk-ami-config.js';
import { CloudPbxAdapter } from './cloud-pbx/cloud-pbx-adapter.js';
import type { CloudPbxConfig } from './cloud-pbx/cloud-pbx-config.js';
import type { TelephonyAdapter } from './telephony-adapter.js';
import type { TwilioVoiceConfig } from './twilio-voice/twilio-voice-config.js';
import { TwilioVoiceAdapter } from './twilio-voice/twilio-voice-adapter.js';

/** Config of each adapter, keyed by adapter name. Adding a PBX: its folder plus one line here and below. */
export type TelephonyAdapterConfigs = {
  asterisk: AsteriskAmiConfig;
  twilio: TwilioVoiceConfig;
  'cloud-pbx': CloudPbxConfig;
};

export type TelephonyAdapterName = keyof TelephonyAdapterConfigs;

export type TelephonyAdapterConfig = {
  [Name in TelephonyAdapterName]: { adapter: Name } & TelephonyAdapterConfigs[Name];
}[TelephonyAdapterName];

const adapterFactories: {
  [Name in TelephonyAdapterName]: (config: TelephonyAdapterConfigs[Name]) => TelephonyAdapter;
} = {
  asterisk: (config) => new AsteriskAmiAdapter(config),
  twilio: (config) => new TwilioVoiceAdapter(config),
  'cloud-pbx': (config) => new CloudPbxAdapter(config),
};

export const telephonyAdapterNames = Object.keys(adapterFactories) as TelephonyAdapterName[];

export function createTelephonyAdapter(config: TelephonyAdapterConfig): TelephonyAdapter {
  const factory = adapterFactories[config.adapter] as
    ((config: TelephonyAdapterConfig) => TelephonyAdapter) | undefined;
  if (!factory) {
    throw new Error(
      `Unknown telephony adapter "${String(config.adapter)}": use one of ${telephonyAdapterNames.join(', ')}.`,
    );
  }
  return factory(config);
}
