# fakeaws: IAM, STS and S3 on one port, every request authorized.
#
#   docker build -t fakeaws .
#   docker run --rm -p 4566:4566 -v fakeaws-data:/data fakeaws
#   docker run --rm -p 4566:4566 -v "$PWD/examples/emrys-odin.json:/world.json:ro" fakeaws --config /world.json
#
# Arguments after the image name are appended to the entrypoint's flags.
# Containers reach fakeaws from their own addresses, hence --admin-anywhere;
# add --admin-host NAME (the name other containers use) to serve the admin
# endpoints only under loopback names and NAME (see README, Security).

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/fakeaws ./cmd/fakeaws \
	&& mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/fakeaws /fakeaws
# /data must exist and belong to the nonroot user (65532) for a fresh volume.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
EXPOSE 4566
VOLUME /data
# distroless has no shell or curl: the binary checks itself.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
	CMD ["/fakeaws", "health", "--endpoint", "http://127.0.0.1:4566"]
ENTRYPOINT ["/fakeaws", "--addr", "0.0.0.0:4566", "--data", "/data", "--admin-anywhere"]
