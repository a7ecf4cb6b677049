export { mlopsPlugin as default } from './plugin';
