// Pages are rendered on the server and work without JavaScript; small scripts enhance a few of them (maps, progress).
export const csr = false;
