import { Foundation1764115200000 } from './1764115200000-Foundation';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [Foundation1764115200000];
