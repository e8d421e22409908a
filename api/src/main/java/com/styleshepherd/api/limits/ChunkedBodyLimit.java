package com.styleshepherd.api.limits;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * The body limits ({@link BodyLimits}) for a body that does not say how long it is ({@code Transfer-Encoding:
 * chunked}, or an HTTP/2 stream without {@code content-length}), which {@link BodySizeFilter} cannot judge
 * before it is read. A handler in each connection's (and HTTP/2 stream's) pipeline, just before Micronaut's
 * own, counts the body's bytes as they arrive. Past the limit it drops the rest of the body and fails it with
 * a {@link ContentLengthExceededException}, exactly as Micronaut does past {@code micronaut.server.max-request-size}:
 * whatever reads the body (JSON binding, a multipart upload) fails with it, and the api answers 413
 * problem+json; the controller never gets the body, so nothing changes. Nothing past the limit is held in
 * memory.
 */
@Singleton
final class ChunkedBodyLimit implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String HANDLER = "style-shepherd-chunked-body-limit";

    private final BodyLimits limits;

    ChunkedBodyLimit(BodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new Customizer(limits, null));
        return registry;
    }

    /** Adds a {@link Counter} to every HTTP pipeline that has Micronaut's request handler. */
    private record Customizer(BodyLimits limits, Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(limits, channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            String micronaut = ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND;
            if (pipeline.get(micronaut) != null && pipeline.get(HANDLER) == null) {
                pipeline.addBefore(micronaut, HANDLER, new Counter(limits));
            }
        }
    }

    /**
     * Counts the body of the request being read. Requests on a connection are read in order and answered in
     * order, so the request being read has been answered once as many final responses as requests have gone
     * out; a body being dropped after its answer (a 401, a 404) is left to Micronaut.
     */
    static final class Counter extends ChannelDuplexHandler {

        private final BodyLimits limits;
        private long limit = Long.MAX_VALUE;
        private long received;
        private boolean refused;
        private long requests;
        private long answered;

        Counter(BodyLimits limits) {
            this.limits = limits;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpRequest request) {
                requests++;
                received = 0;
                refused = false;
                limit = HttpUtil.isContentLengthSet(request) ? Long.MAX_VALUE : limits.of(path(request.uri()));
            }
            if (message instanceof HttpContent content && !(message instanceof HttpRequest)) {
                if (refused) {
                    drop(ctx, content);
                    return;
                }
                received += content.content().readableBytes();
                if (received > limit && answered < requests) {
                    refused = true;
                    ctx.fireExceptionCaught(new ContentLengthExceededException(
                            "The body is over " + limit + " bytes, the most this endpoint accepts."));
                    drop(ctx, content);
                    return;
                }
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof HttpResponse response && response.status().code() >= 200) {
                answered++;
            }
            super.write(ctx, message, promise);
        }

        /** Drops a piece of a refused body; its end still goes on, so the next request on the connection is read. */
        private static void drop(ChannelHandlerContext ctx, HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            content.release();
            if (last) {
                ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
            }
        }

        /** The path of a request target ({@code /api/x?y}, or absolute {@code http://host/api/x}). */
        static String path(String uri) {
            try {
                String path = URI.create(uri).getRawPath();
                return path == null ? "" : path;
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }
}
