/** Countries the demo stories are about: at least three per regional edition. */
export const demoCountries = [
  'IN',
  'BD',
  'NP',
  'PK',
  'LK', // South Asia
  'ID',
  'VN',
  'PH',
  'KH', // East & South-East Asia
  'FJ',
  'PG',
  'WS', // Pacific
  'KZ',
  'UA',
  'MD',
  'UZ', // Europe & Central Asia
  'CD',
  'CM',
  'TD', // Central Africa
  'KE',
  'ET',
  'UG',
  'TZ',
  'RW', // East Africa
  'ZA',
  'MZ',
  'ZM',
  'MW', // Southern Africa
  'NG',
  'GH',
  'SN',
  'SL', // West Africa
  'EG',
  'JO',
  'MA',
  'TN', // Middle East & North Africa
  'US',
  'CA', // North America
  'BR',
  'CO',
  'PE',
  'GT',
  'HT', // Latin America & Caribbean
];

/** Fictional news agencies whose copy the demo desk rewrites. */
export const demoAgencies = [
  { name: 'Meridian News Agency', prefix: 'MNA' },
  { name: 'Equator Press Service', prefix: 'EPS' },
  { name: 'Continental Wire', prefix: 'CW' },
  { name: 'Lighthouse Newswire', prefix: 'LHN' },
];
