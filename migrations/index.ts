import { Foundation1764115200000 } from './1764115200000-Foundation';
import { ProspectsCustomersVisits1764201600000 } from './1764201600000-ProspectsCustomersVisits';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [Foundation1764115200000, ProspectsCustomersVisits1764201600000];
