export { CloudPbxAdapter } from './cloud-pbx-adapter.js';
export type {
  CloudPbxConfig,
  CloudPbxFieldMapping,
  CloudPbxOriginateConfig,
  CloudPbxSignatureConfig,
} from './cloud-pbx-config.js';
export { cloudPbxEventsIn, parseCloudPbxEvent } from './cloud-pbx-event-parser.js';
export { signCloudPbxBody, verifyCloudPbxSignature } from './cloud-pbx-signature.js';
