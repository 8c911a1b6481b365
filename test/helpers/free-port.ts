export { freePort, freePorts } from '../../src/dev/free-port.ts';
