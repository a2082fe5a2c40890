// Finnish texts of the "live" feature (the source of truth for their shape). Mounted as `live.*`.
export const live = {};
