/*
 * buf: a growable byte buffer, always NUL-terminated after its contents.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

struct buf {
	char	*p;	/* contents, NUL-terminated; NULL until first use */
	size_t	 n;	/* length of the contents */
	size_t	 cap;	/* allocated size */
};

void	buf_reset(struct buf *b);		/* empty it, keep memory */
void	buf_add(struct buf *b, const void *p, size_t n);
void	buf_addc(struct buf *b, char c);
void	buf_reserve(struct buf *b, size_t more);	/* room for more */
void	buf_adds(struct buf *b, const char *s);
void	buf_free(struct buf *b);

#endif
