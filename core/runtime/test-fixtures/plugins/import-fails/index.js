import 'a-package-that-is-not-installed';
