// Every workflow type the workers register. Workflow names go over the wire.
export { styleTrainingWorkflow } from './style-training.ts';
export { stylePackWorkflow } from './style-pack.ts';
export { tenantAdmissionWorkflow } from './tenant-admission.ts';
