/**
 * Go's strconv.FormatFloat for the formats fmt uses (%e %f %g, shortest or with a precision):
 * digits come from the exact binary value, rounded half to even as Go does, so `printf "%.0f"
 * 2.5` is `2` like Go and not `3` like JS's toFixed.
 */

interface Digits {
  /** Significant digits without trailing zeros; empty for zero. */
  d: string;
  /** Position of the decimal point relative to the digits. */
  dp: number;
}

function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biasedExp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let text: string;
  let fractionDigits = 0;
  if (exp >= 0) text = (mant << BigInt(exp)).toString();
  else {
    text = (mant * 5n ** BigInt(-exp)).toString();
    fractionDigits = -exp;
  }
  const dp = text.length - fractionDigits;
  return trimmed({ d: text, dp });
}

function trimmed(digits: Digits): Digits {
  const lead = digits.d.length - digits.d.replace(/^0+/, '').length;
  const d = digits.d.slice(lead).replace(/0+$/, '');
  return { d, dp: d === '' ? 0 : digits.dp - lead };
}

/** Rounds to nd significant digits, half to even. */
function roundTo(digits: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: 0 };
  if (digits.d.length <= nd) return digits;
  const keep = digits.d.slice(0, nd);
  const next = digits.d[nd]!;
  const rest = digits.d.slice(nd + 1);
  const half = next === '5' && /^0*$/.test(rest);
  const up = next > '5' || (next === '5' && (!half || (nd > 0 && Number(keep[nd - 1]) % 2 === 1)));
  if (!up) return trimmed({ d: keep || '0', dp: digits.dp });
  const incremented = (BigInt(keep || '0') + 1n).toString();
  const grew = keep === '' ? 1 : incremented.length - keep.length;
  return trimmed({ d: incremented, dp: digits.dp + grew });
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [mantissa, exponent] = x.toExponential().split('e');
  return trimmed({ d: mantissa!.replace('.', ''), dp: Number(exponent) + 1 });
}

function fmtE(digits: Digits, prec: number, e: string): string {
  let out = digits.d[0] ?? '0';
  if (prec > 0) out += `.${digits.d.slice(1, prec + 1).padEnd(prec, '0')}`;
  let exp = digits.d === '' ? 0 : digits.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${e}${sign}${exp < 10 ? `0${exp}` : exp}`;
}

function fmtF(digits: Digits, prec: number): string {
  let out = digits.dp > 0 ? digits.d.slice(0, digits.dp).padEnd(digits.dp, '0') : '0';
  if (prec > 0) {
    let fraction = '';
    for (let i = 0; i < prec; i++) {
      const j = digits.dp + i;
      fraction += j >= 0 && j < digits.d.length ? digits.d[j] : '0';
    }
    out += `.${fraction}`;
  }
  return out;
}

/** strconv.FormatFloat(x, format, prec, 64) for format e, E, f, g, G; prec -1 is shortest. */
export function formatGoFloat(x: number, format: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let digits: Digits;
  if (shortest) {
    digits = shortestDigits(abs);
    if (format === 'e' || format === 'E') prec = Math.max(digits.d.length - 1, 0);
    else if (format === 'f') prec = Math.max(digits.d.length - digits.dp, 0);
    else prec = digits.d.length;
  } else {
    const exact = exactDigits(abs);
    if (format === 'e' || format === 'E') digits = roundTo(exact, prec + 1);
    else if (format === 'f') digits = roundTo(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digits = roundTo(exact, prec);
    }
  }
  const sign = neg ? '-' : '';
  if (format === 'e' || format === 'E') return sign + fmtE(digits, prec, format);
  if (format === 'f') return sign + fmtF(digits, prec);
  let eprec = prec;
  if (eprec > digits.d.length && digits.d.length >= digits.dp) eprec = digits.d.length;
  if (shortest) eprec = 6;
  const exp = digits.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > digits.d.length) prec = digits.d.length;
    return sign + fmtE(digits, prec - 1, format === 'g' ? 'e' : 'E');
  }
  if (prec > digits.dp) prec = digits.d.length;
  return sign + fmtF(digits, Math.max(prec - digits.dp, 0));
}
