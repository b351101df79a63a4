/* version.h: the release every program reports with --version. */
#ifndef VERSION_H
#define VERSION_H
#define CUSTANON_VERSION "0.1.0"
#endif
