/**
 * Runnable demos of net-core: {@link io.tickwire.net.demo.LoopbackDemo} starts a DTLS server and
 * clients on loopback with the network simulator on and prints live statistics.
 */
package io.tickwire.net.demo;
