'use strict';
(function () {
  const query = new URLSearchParams(location.search);
  const messages = {
    forkert: 'Forkert brugernavn eller adgangskode.',
    laast: 'For mange forkerte forsøg. Brugeren er låst i 5 minutter.',
    mangler: 'Skriv både brugernavn og adgangskode.',
  };
  const back = query.get('ReturnUrl');
  if (back && back.startsWith('/') && !back.startsWith('//')) document.getElementById('returnUrl').value = back;
  const text = query.get('ude') ? 'Du er logget ud.' : messages[query.get('fejl')];
  if (text) {
    const message = document.getElementById('message');
    message.textContent = text;
    message.hidden = false;
  }
  document.getElementById('name').focus();
})();
