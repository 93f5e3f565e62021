/** Injection token of the validated AppConfig (config/configuration.ts). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injection token of the product's modules (app.module.ts FEATURE_MODULES): whose routes GET /duties reads. */
export const PRODUCT_MODULES = Symbol('PRODUCT_MODULES');
