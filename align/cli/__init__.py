"""The ``hizala`` command line. The only part of ``align`` that prints or exits."""
