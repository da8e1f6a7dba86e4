// The GSM 03.38 default alphabet; its escape character is left out because
// a message cannot contain it on its own.
const gsmBasic = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);

// Characters of the GSM extension table, which take two septets each.
const gsmExtension = new Set("^{}\\[~]|€\f");

/**
 * Returns how many SMS segments a body takes. A GSM-7 body fits 160 septets
 * in one segment, or 153 per segment when split. Any other body is UCS-2,
 * with 70 UTF-16 code units in one segment, or 67 per segment when split.
 */
export function countSegments(body: string): number {
  let septets = 0;
  for (const char of body) {
    if (gsmBasic.has(char)) septets += 1;
    else if (gsmExtension.has(char)) septets += 2;
    else return segmentsFor(body.length, 70, 67);
  }

  return segmentsFor(septets, 160, 153);
}

function segmentsFor(units: number, single: number, perPart: number) {
  return units <= single ? 1 : Math.ceil(units / perPart);
}
