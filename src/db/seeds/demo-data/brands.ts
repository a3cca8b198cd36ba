/**
 * Words companies in Isfahan name themselves after, with a Latin spelling for demo web addresses:
 * landmarks and places of the province, and the common «quality» words of Iranian brand names.
 */
export interface BrandWord {
  readonly fa: string;
  readonly latin: string;
}

export const PLACE_WORDS: readonly BrandWord[] = [
  { fa: 'سپاهان', latin: 'sepahan' },
  { fa: 'زاینده‌رود', latin: 'zayandehrud' },
  { fa: 'نقش جهان', latin: 'naghshejahan' },
  { fa: 'نصف جهان', latin: 'nesfejahan' },
  { fa: 'چهارباغ', latin: 'chaharbagh' },
  { fa: 'صفه', latin: 'soffeh' },
  { fa: 'آتشگاه', latin: 'atashgah' },
  { fa: 'خواجو', latin: 'khajou' },
  { fa: 'عالی‌قاپو', latin: 'aliqapu' },
  { fa: 'هشت‌بهشت', latin: 'hashtbehesht' },
  { fa: 'چهلستون', latin: 'chehelsotoun' },
  { fa: 'جلفا', latin: 'jolfa' },
  { fa: 'کوهرنگ', latin: 'kouhrang' },
  { fa: 'دنا', latin: 'dena' },
  { fa: 'کرکس', latin: 'karkas' },
  { fa: 'فین', latin: 'fin' },
  { fa: 'قمصر', latin: 'ghamsar' },
  { fa: 'ابیانه', latin: 'abyaneh' },
  { fa: 'مارنان', latin: 'marnan' },
  { fa: 'گاوخونی', latin: 'gavkhouni' },
  { fa: 'سیلک', latin: 'sialk' },
  { fa: 'شیخ بهایی', latin: 'sheikhbahaei' },
];

export const QUALITY_WORDS: readonly BrandWord[] = [
  { fa: 'پارس', latin: 'pars' },
  { fa: 'آریا', latin: 'arya' },
  { fa: 'آسیا', latin: 'asia' },
  { fa: 'نوین', latin: 'novin' },
  { fa: 'پیشرو', latin: 'pishro' },
  { fa: 'پویا', latin: 'pouya' },
  { fa: 'ایمن', latin: 'imen' },
  { fa: 'البرز', latin: 'alborz' },
  { fa: 'سپهر', latin: 'sepehr' },
  { fa: 'مهر', latin: 'mehr' },
  { fa: 'آفتاب', latin: 'aftab' },
  { fa: 'آرمان', latin: 'arman' },
  { fa: 'کیان', latin: 'kian' },
  { fa: 'ارغوان', latin: 'arghavan' },
  { fa: 'ماهان', latin: 'mahan' },
  { fa: 'تابان', latin: 'taban' },
  { fa: 'سامان', latin: 'saman' },
  { fa: 'نیکان', latin: 'nikan' },
  { fa: 'بهین', latin: 'behin' },
  { fa: 'زرین', latin: 'zarrin' },
  { fa: 'فراز', latin: 'faraz' },
  { fa: 'پارسیان', latin: 'parsian' },
  { fa: 'آرین', latin: 'arian' },
  { fa: 'رویان', latin: 'rouyan' },
  { fa: 'کوثر', latin: 'kowsar' },
  { fa: 'ستاره', latin: 'setareh' },
  { fa: 'الماس', latin: 'almas' },
  { fa: 'فیروزه', latin: 'firouzeh' },
  { fa: 'نگین', latin: 'negin' },
  { fa: 'طلوع', latin: 'tolou' },
  { fa: 'اطلس', latin: 'atlas' },
  { fa: 'آوا', latin: 'ava' },
];

/** Legal forms of Iranian companies, written in the parentheses after the name (except cooperatives). */
export const LEGAL_FORMS = {
  privateJointStock: 'سهامی خاص',
  publicJointStock: 'سهامی عام',
  limitedLiability: 'مسئولیت محدود',
  cooperative: 'تعاونی',
} as const;
