'use strict';
(function () {
  const query = new URLSearchParams(location.search);
  const messages = {
    forkert: 'Forkert brugernavn eller adgangskode.',
    laast: 'For mange forkerte forsøg. Der kan ikke logges ind herfra eller som denne bruger i 5 minutter.',
    mangler: 'Skriv både brugernavn og adgangskode.',
    travlt: 'Gatewayen er travl lige nu. Prøv igen om et øjeblik.',
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
