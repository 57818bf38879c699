// Applies the remembered theme before the first paint (no flash). "system" follows the OS.
(function () {
	try {
		var choice = localStorage.getItem('skinspire-theme') || 'system';
		var dark = choice === 'dark' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
		document.documentElement.classList.toggle('dark', dark);
		document.documentElement.dataset.theme = choice;
	} catch {
		/* storage blocked: stay with the default */
	}
})();
