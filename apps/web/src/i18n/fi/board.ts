// Finnish texts of the "board" feature (the source of truth for their shape). Mounted as `board.*`.
export const board = {};
