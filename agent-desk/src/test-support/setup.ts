import { afterEach } from 'vitest';

// Each test starts signed out with a clean device storage.
afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  document.body.innerHTML = '';
});
