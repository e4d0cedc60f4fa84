// Public pages ship no JavaScript. They are rendered per request (not prerendered): the header shows
// the signed-in user.
export const csr = false;
export const prerender = false;
