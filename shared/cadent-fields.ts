/**
 * Cadent's vocabulary: the identity fields of a conversion event and the fixed list of
 * conversion types, as CADENT_API.md names them.
 */

export const IDENTITY_FIELDS = [
  'em',
  'fn',
  'ln',
  'db',
  'ge',
  'ct',
  'st',
  'zp',
  'country',
  'external-id',
] as const;

export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export const IDENTITY_FIELD_LABELS: Readonly<Record<IdentityField, string>> = {
  em: 'Email',
  fn: 'First name',
  ln: 'Last name',
  db: 'Date of birth',
  ge: 'Gender',
  ct: 'City',
  st: 'State',
  zp: 'Zip code',
  country: 'Country',
  'external-id': 'External ID',
};

export function isIdentityField(value: string): value is IdentityField {
  return (IDENTITY_FIELDS as readonly string[]).includes(value);
}

export const CONVERSION_TYPES = [
  'email_clickthrough',
  'site_clickthrough',
  'online_purchase',
  'app_install',
  'in_app_purchase',
  'physical_store_visit',
  'offline_purchase',
  'phone_call',
  'chat_event',
  'system_generated',
] as const;

export type ConversionType = (typeof CONVERSION_TYPES)[number];

export const CONVERSION_TYPE_LABELS: Readonly<Record<ConversionType, string>> = {
  email_clickthrough: 'Email click-through',
  site_clickthrough: 'Site click-through',
  online_purchase: 'Online purchase',
  app_install: 'App install',
  in_app_purchase: 'In-app purchase',
  physical_store_visit: 'Physical store visit',
  offline_purchase: 'Offline purchase',
  phone_call: 'Phone call',
  chat_event: 'Chat event',
  system_generated: 'System generated',
};
