// Accent folding, the one way hcc sets Vietnamese diacritics aside when it matches what people type
// or exports write against what it knows: "so tu phap" finds "Sở Tư pháp", "NGAY TIEP NHAN" is the
// header "Ngày tiếp nhận", "truc tuyen" the channel. Pure.

const COMBINING = /[\u0300-\u036f]/g;
const D_STROKE = /[đĐ]/g;

/**
 * The text without its diacritics: decomposed (NFD), combining marks dropped, đ → d and Đ → D (a
 * letter of its own, not a mark). Case, spacing and punctuation are left to the caller's key.
 */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(D_STROKE, (c) => (c === 'đ' ? 'd' : 'D'));
}
