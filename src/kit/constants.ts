/**
 * Event bits and flags, with Linux's values, so `POLLIN | POLLOUT` means what it means in C,
 * Python's `select` module and the man pages.
 */

/** poll(2): there is data to read (or a connection to accept, or EOF). */
export const POLLIN = 0x001;
/** poll(2): urgent data; never set by the kit (out-of-band data is not modelled). */
export const POLLPRI = 0x002;
/** poll(2): writing now will not block. */
export const POLLOUT = 0x004;
/** poll(2): an error is pending (reported even if not asked for). */
export const POLLERR = 0x008;
/** poll(2): hang-up (reported even if not asked for). */
export const POLLHUP = 0x010;
/** poll(2): the descriptor is not open (reported even if not asked for). */
export const POLLNVAL = 0x020;

/** epoll: same bit as POLLIN. */
export const EPOLLIN = POLLIN;
/** epoll: same bit as POLLOUT. */
export const EPOLLOUT = POLLOUT;
/** epoll: same bit as POLLERR. */
export const EPOLLERR = POLLERR;
/** epoll: same bit as POLLHUP. */
export const EPOLLHUP = POLLHUP;
/** epoll: report the descriptor once, then disable it until `EPOLL_CTL_MOD`. */
export const EPOLLONESHOT = 1 << 30;
/** epoll: edge-triggered; report changes, not states. (`1 << 31`, negative in JS: use `&`.) */
export const EPOLLET = 1 << 31;

/** epoll_ctl operations. */
export const EPOLL_CTL_ADD = 1;
/** epoll_ctl: remove a descriptor from the interest list. */
export const EPOLL_CTL_DEL = 2;
/** epoll_ctl: change the events (and data) of a registered descriptor. */
export const EPOLL_CTL_MOD = 3;

/** shutdown(2): no more receptions. */
export const SHUT_RD = 0;
/** shutdown(2): no more transmissions (sends FIN: the peer reads EOF). */
export const SHUT_WR = 1;
/** shutdown(2): both. */
export const SHUT_RDWR = 2;

/** select(2) cannot watch a descriptor numbered this or higher. */
export const FD_SETSIZE = 1024;

/** Every bit: used when a change concerns all waiters. */
export const ALL_EVENTS = 0x7fffffff | EPOLLET;
