/** Cities of Isfahan province with what the demo generator needs for an address and a phone number. */
export interface City {
  readonly name: string;
  /** Latin slug, used in demo web addresses. */
  readonly latin: string;
  /** Relative share of the chamber's members based in the city. */
  readonly weight: number;
  /** First two digits of the city's postal codes. */
  readonly postalPrefix: string;
  /** First two digits of the 8-digit subscriber numbers after the province code 031. */
  readonly phonePrefixes: readonly string[];
  /** Industrial towns and zones around the city. */
  readonly industrialZones: readonly string[];
  readonly streets: readonly string[];
}

export const PROVINCE = 'اصفهان';

/** The province's capital, home of most members. */
export const PROVINCE_CAPITAL = 'اصفهان';

/** The province's telephone area code. */
export const AREA_CODE = '031';

export const CITIES: readonly City[] = [
  {
    name: 'اصفهان',
    latin: 'isfahan',
    weight: 48,
    postalPrefix: '81',
    phonePrefixes: ['32', '33', '34', '35', '36', '37', '38', '39'],
    industrialZones: [
      'شهرک صنعتی محمودآباد',
      'شهرک صنعتی جی',
      'شهرک صنعتی سگزی',
      'شهرک صنعتی مورچه‌خورت',
      'شهرک صنعتی دولت‌آباد',
    ],
    streets: [
      'خیابان چهارباغ عباسی',
      'خیابان چهارباغ بالا',
      'خیابان شیخ صدوق شمالی',
      'خیابان آمادگاه',
      'خیابان هزارجریب',
      'خیابان نظر شرقی',
      'خیابان توحید',
      'خیابان کاوه',
      'خیابان جی',
      'بلوار کشاورز',
      'خیابان بزرگمهر',
      'خیابان سعادت‌آباد',
      'خیابان حکیم نظامی',
      'خیابان مرداویج',
      'خیابان شمس‌آبادی',
      'خیابان آپادانا',
    ],
  },
  {
    name: 'کاشان',
    latin: 'kashan',
    weight: 9,
    postalPrefix: '87',
    phonePrefixes: ['55'],
    industrialZones: ['شهرک صنعتی امیرکبیر کاشان', 'شهرک صنعتی راوند'],
    streets: ['خیابان امیرکبیر', 'خیابان باباافضل', 'بلوار قطب راوندی', 'خیابان فاضل نراقی', 'خیابان محتشم'],
  },
  {
    name: 'نجف‌آباد',
    latin: 'najafabad',
    weight: 7,
    postalPrefix: '85',
    phonePrefixes: ['42'],
    industrialZones: ['شهرک صنعتی نجف‌آباد', 'شهرک صنعتی جوزدان'],
    streets: ['خیابان شریعتی', 'بلوار آزادگان', 'خیابان طالقانی', 'خیابان فردوسی'],
  },
  {
    name: 'خمینی‌شهر',
    latin: 'khomeinishahr',
    weight: 5,
    postalPrefix: '84',
    phonePrefixes: ['33'],
    industrialZones: ['شهرک صنعتی دستگرد'],
    streets: ['خیابان شریعتی', 'خیابان فردوسی', 'بلوار معلم'],
  },
  {
    name: 'شاهین‌شهر',
    latin: 'shahinshahr',
    weight: 5,
    postalPrefix: '83',
    phonePrefixes: ['45'],
    industrialZones: ['شهرک صنعتی مورچه‌خورت', 'شهرک صنعتی رازی'],
    streets: ['خیابان عطار', 'خیابان فردوسی', 'خیابان سعدی', 'بلوار امام'],
  },
  {
    name: 'مبارکه',
    latin: 'mobarakeh',
    weight: 4,
    postalPrefix: '84',
    phonePrefixes: ['52'],
    industrialZones: ['شهرک صنعتی مبارکه'],
    streets: ['بلوار فولاد', 'خیابان امام', 'خیابان طالقانی'],
  },
  {
    name: 'زرین‌شهر',
    latin: 'zarrinshahr',
    weight: 3,
    postalPrefix: '84',
    phonePrefixes: ['52'],
    industrialZones: ['ناحیه صنعتی لنجان'],
    streets: ['بلوار ذوب‌آهن', 'خیابان بهار', 'خیابان امام'],
  },
  {
    name: 'فلاورجان',
    latin: 'falavarjan',
    weight: 3,
    postalPrefix: '84',
    phonePrefixes: ['37'],
    industrialZones: ['شهرک صنعتی اشترجان'],
    streets: ['بلوار معلم', 'خیابان امام', 'خیابان شریعتی'],
  },
  {
    name: 'شهرضا',
    latin: 'shahreza',
    weight: 3,
    postalPrefix: '86',
    phonePrefixes: ['53'],
    industrialZones: ['شهرک صنعتی رازی شهرضا'],
    streets: ['خیابان چمران', 'بلوار کشاورز', 'خیابان حافظ'],
  },
  {
    name: 'گلپایگان',
    latin: 'golpayegan',
    weight: 2,
    postalPrefix: '87',
    phonePrefixes: ['57'],
    industrialZones: ['شهرک صنعتی گلپایگان'],
    streets: ['خیابان امام', 'بلوار ولیعصر', 'خیابان سعدی'],
  },
  {
    name: 'نطنز',
    latin: 'natanz',
    weight: 1,
    postalPrefix: '87',
    phonePrefixes: ['54'],
    industrialZones: ['شهرک صنعتی نطنز'],
    streets: ['خیابان امام', 'بلوار ابوذر'],
  },
  {
    name: 'آران و بیدگل',
    latin: 'aranbidgol',
    weight: 3,
    postalPrefix: '87',
    phonePrefixes: ['54'],
    industrialZones: ['شهرک صنعتی آران و بیدگل'],
    streets: ['بلوار امام', 'خیابان هلال احمر', 'خیابان فردوسی'],
  },
  {
    name: 'نائین',
    latin: 'naein',
    weight: 2,
    postalPrefix: '83',
    phonePrefixes: ['46'],
    industrialZones: ['شهرک صنعتی نائین'],
    streets: ['خیابان امام', 'بلوار غدیر'],
  },
  {
    name: 'خوانسار',
    latin: 'khansar',
    weight: 1,
    postalPrefix: '87',
    phonePrefixes: ['57'],
    industrialZones: ['ناحیه صنعتی خوانسار'],
    streets: ['خیابان امام', 'بلوار بهار'],
  },
  {
    name: 'سمیرم',
    latin: 'semirom',
    weight: 1,
    postalPrefix: '86',
    phonePrefixes: ['53'],
    industrialZones: ['شهرک صنعتی سمیرم'],
    streets: ['خیابان امام', 'بلوار معلم'],
  },
  {
    name: 'دولت‌آباد',
    latin: 'dolatabad',
    weight: 3,
    postalPrefix: '83',
    phonePrefixes: ['45'],
    industrialZones: ['شهرک صنعتی دولت‌آباد', 'شهرک صنعتی خورزوق'],
    streets: ['بلوار امام', 'خیابان شهدا', 'خیابان فردوسی'],
  },
];

/** Where knowledge-based companies of Isfahan are incubated. */
export const SCIENCE_PARK = 'شهرک علمی و تحقیقاتی اصفهان';

/** Names of the streets inside industrial towns (besides numbered ones). */
export const ZONE_STREETS: readonly string[] = ['صنعت', 'تولید', 'نوآوری', 'فناوری', 'کار', 'اقتصاد', 'بهار'];

/** Old trading quarters where individual carpet and handicraft traders keep shop. */
export const BAZAARS: readonly string[] = [
  'میدان نقش جهان، بازار قیصریه',
  'بازار بزرگ اصفهان، سرای مخلص',
  'بازار بزرگ اصفهان، تیمچه ملک',
  'میدان نقش جهان، بازار هنر',
  'خیابان چهارباغ عباسی، پاساژ فرش',
];
