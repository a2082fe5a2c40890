// Finnish texts of the "rounds" feature (the source of truth for their shape). Mounted as `rounds.*`.
export const rounds = {};
