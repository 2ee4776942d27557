Console.WriteLine(MinLGan.Torch.TorchRuntime.SmokeTest());
