// The size limit of one photo, apart from the image code (sharp) so the browser can check a photo against it too
// before a phone keeps it to send later.
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
