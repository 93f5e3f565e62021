/** Injection token of the validated AppConfig (config/configuration.ts). */
export const APP_CONFIG = Symbol('APP_CONFIG');
