// Extended attributes, which Swift's Glibc module does not bring in: Selat marks the files it
// writes with one (see OutputFile.swift).
#ifndef SELAT_SYSTEM_H
#define SELAT_SYSTEM_H
#include <stddef.h>
#include <sys/types.h>

int selat_setxattr(const char *path, const char *name, const void *value, size_t size);
int selat_fsetxattr(int fd, const char *name, const void *value, size_t size);
ssize_t selat_lgetxattr(const char *path, const char *name, void *value, size_t size);
#endif
