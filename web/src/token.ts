// Where the token lives: `make run` prints a link carrying it once in the URL's fragment (never
// sent to the server, so never in a log); the page moves it to sessionStorage, which ends with the
// tab, and removes it from the address bar. Never a cookie.
const key = "lightmesh-token";

export function takeToken(): string | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const given = fragment.get("token");
  if (given) {
    sessionStorage.setItem(key, given);
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(key);
}

export function keepToken(token: string): void { sessionStorage.setItem(key, token); }
export function forgetToken(): void { sessionStorage.removeItem(key); }
