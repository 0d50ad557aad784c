// RunPlugin for the Node.js language host of SDK 3.68, which answers "not supported": it runs a Node.js policy pack.
//
// Pulumi 3.276 starts a Node.js policy pack through the language host's RunPlugin whenever a language host is
// installed. Its request carries the pack's folder and the plugin's kind in fields this older host does not know
// (ProgramInfo `info`, field 5, and `kind`, field 6); they are read here from the message's unknown fields.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	runPluginInfoField          = 5 // RunPluginRequest.info (ProgramInfo)
	runPluginKindField          = 6 // RunPluginRequest.kind
	programInfoProgramDirectory = 2 // ProgramInfo.program_directory
)

// bytesFields returns the length-delimited fields of a protobuf message's wire bytes, by field number.
func bytesFields(b []byte) map[protowire.Number][]byte {
	fields := map[protowire.Number][]byte{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fields
		}
		b = b[n:]
		if typ == protowire.BytesType {
			value, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return fields
			}
			fields[num] = value
			n = m
		} else {
			n = protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return fields
			}
		}
		b = b[n:]
	}
	return fields
}

func (host *nodeLanguageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	unknown := bytesFields(req.ProtoReflect().GetUnknown())
	kind := string(unknown[runPluginKindField])
	programDirectory := string(bytesFields(unknown[runPluginInfoField])[programInfoProgramDirectory])
	if kind != "analyzer" || programDirectory == "" {
		return fmt.Errorf("not supported: only policy packs (kind \"analyzer\") run as Node.js plugins here, got kind %q", kind)
	}

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return errors.New("could not find node on the $PATH")
	}
	// The pack's own @pulumi/pulumi runs it, as the `pulumi-analyzer-policy` launcher does.
	locate := exec.Command(nodeBin, "-e", "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))")
	locate.Dir = programDirectory
	runPath, err := locate.Output()
	if err != nil {
		return fmt.Errorf("could not find @pulumi/pulumi/cmd/run-policy-pack from %s; run npm install there: %w", programDirectory, err)
	}

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	// run-policy-pack takes the engine's address (the request's one argument) and the pack, here its own folder.
	args := append([]string{strings.TrimSpace(string(runPath))}, req.Args...)
	// The engine ends the stream when it is done with the pack; the pack ends with it.
	cmd := exec.CommandContext(server.Context(), nodeBin, append(args, ".")...)
	cmd.Dir = programDirectory
	cmd.Env = append(os.Environ(), req.Env...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return err
		}
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(exit.ExitCode())}})
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: 0}})
}
